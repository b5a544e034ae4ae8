namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The files a build would bind together, and the namespace it gives files without a namespace
/// declaration. <see cref="Key"/> is the project file's path, the workspace folder's path for files
/// under no project, or the empty string for files outside every workspace folder.
/// </summary>
internal sealed record ProjectScope(string Key, string RootNamespace);
