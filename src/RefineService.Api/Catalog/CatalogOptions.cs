using System.ComponentModel.DataAnnotations;

namespace RefineService.Api.Catalog;

/// <summary>Where the action catalog comes from and how fresh it must be (configuration section <c>Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>A catalog data file to load instead of the one embedded in the service; empty for the embedded one. Watched: a new file replaces the catalog.</summary>
    public string? Path { get; set; }

    /// <summary>Past this age of its data the catalog is stale, and answers carry a <c>CatalogStale</c> warning.</summary>
    [Range(1, 3650)]
    public int MaxAgeDays { get; set; } = 60;

    /// <summary>How often the file named by <see cref="Path"/> is read again to see whether it changed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(30);
}
