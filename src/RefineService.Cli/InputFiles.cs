using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefineService.Cli;

/// <summary>Reads the tool's input files, or standard input for <c>-</c>; a file that cannot be read is a <see cref="BadInputException"/> naming it.</summary>
internal sealed class InputFiles(TextReader standardInput)
{
    private bool _standardInputRead;

    /// <summary>The text of <paramref name="path"/>, or of standard input for <c>-</c> (which can be read once).</summary>
    public string Text(string path, string what)
    {
        if (path == "-")
        {
            if (_standardInputRead)
            {
                throw new BadInputException($"{what}: standard input ('-') can be read only once.");
            }

            _standardInputRead = true;
            var text = standardInput.ReadToEnd();
            return text.Trim().Length == 0 ? throw new BadInputException($"{what}: standard input is empty.") : text;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"{what}: cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>The JSON of <paramref name="path"/>; text that is not JSON is named with its line and position.</summary>
    public JsonNode Json(string path, string what)
    {
        var text = Text(path, what);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 128 })
                ?? throw new BadInputException($"{what}: '{Name(path)}' holds null, not JSON of the shape expected.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {position + 1})")
                : string.Empty;
            throw new BadInputException($"{what}: '{Name(path)}' is not valid JSON{where}.");
        }
    }

    private static string Name(string path) => path == "-" ? "standard input" : path;
}

/// <summary>An input the tool cannot use; its message is for the person who gave it.</summary>
internal sealed class BadInputException(string message) : Exception(message);
