namespace RefineService.Api.Catalog;

/// <summary>Where the action catalog comes from (configuration section <c>Catalog</c>).</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>A catalog data file to load instead of the one embedded in the service; empty for the embedded one.</summary>
    public string? Path { get; set; }
}
