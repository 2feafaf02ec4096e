using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RefineService.Api.Validation;

/// <summary>Reads JSON strings as written, without allocating, when they are plain printable ASCII without escapes (as nearly every policy's are).</summary>
internal static class JsonText
{
    /// <summary>Whether raw UTF-8 JSON text holds only U+0020 to U+007F and no escape, so its bytes are its characters.</summary>
    public static bool IsPlainAscii(ReadOnlySpan<byte> raw) =>
        raw.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7F) < 0 && !raw.Contains((byte)'\\');

    /// <summary>The raw UTF-8 text of a string value, without its quotes.</summary>
    public static ReadOnlySpan<byte> Raw(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw is [(byte)'"', .., (byte)'"'] ? raw[1..^1] : raw;
    }

    /// <summary>The characters of the string <paramref name="value"/> copied into <paramref name="buffer"/>; false when it is not plain ASCII or does not fit.</summary>
    public static bool TryGetPlainAscii(JsonElement value, Span<char> buffer, out ReadOnlySpan<char> text)
    {
        var raw = Raw(value);
        if (value.ValueKind != JsonValueKind.String || raw.Length > buffer.Length || !IsPlainAscii(raw))
        {
            text = default;
            return false;
        }

        text = buffer[..Encoding.ASCII.GetChars(raw, buffer)];
        return true;
    }
}
