namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>A fresh folder under the system temp folder for campaign files, deleted on dispose.</summary>
public abstract class CampaignFolder : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("mapdsl-campaign-").FullName;

    protected string FileIn(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
