namespace MapDsl.Runtime.Tests.Support;

/// <summary>Fixed seeds for randomized tests, so every run sees the same cases.</summary>
public static class Seeds
{
    public static TheoryData<int> Ten => new(Enumerable.Range(1, 10));
}
