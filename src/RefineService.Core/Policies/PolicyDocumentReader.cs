using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace RefineService.Core.Policies;

/// <summary>
/// Reads a policy document in one pass over its tokens: what the refinement relies on (<c>Statement</c>, <c>Effect</c>,
/// <c>Action</c> or <c>NotAction</c>) and what IAM itself would refuse (<c>Version</c>, action syntax, characters), each
/// problem at its JSON path. What no .NET string can hold (bytes that are not UTF-8, an escaped surrogate without its pair),
/// a key given twice and nesting deeper than allowed stop the reading: such a document is refused as a whole, at that place.
/// </summary>
internal static class PolicyDocumentReader
{
    private const string StatementKey = "Statement";

    // The reader's own limit lies above the document's, so that the document's is found first, with its path.
    private static readonly JsonReaderOptions TextOptions = new() { MaxDepth = 4 * PolicyLimits.MaxJsonDepth };

    /// <summary>The sentence for JSON nested deeper than the service reads.</summary>
    public static readonly string TooDeep = $"Objects and arrays nest deeper than {PolicyLimits.MaxJsonDepth} levels, the most this service reads.";

    public static PolicyDocument ReadText(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, TextOptions);
        try
        {
            if (!reader.Read())
            {
                return Refused(JsonPath.Root, "The text holds no JSON value.");
            }

            var document = ReadObjectOrOther(ref reader, PolicyLimits.MaxJsonDepth, finish: false, text: true);
            if (document.Problems.Any(p => p.StoppedReading))
            {
                return document;
            }

            return reader.Read() ? Refused(JsonPath.Root, "The text holds more than one JSON value.") : document;
        }
        catch (JsonException ex)
        {
            return Refused(JsonPath.Root, InvalidJson(ex));
        }
    }

    /// <summary>Reads one JSON value already known to be well formed (an object, or a string holding a document), as <see cref="ReadValue(ref Utf8JsonReader, int)"/> reads it in place.</summary>
    public static PolicyDocument ReadValue(ReadOnlySpan<byte> utf8Value, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8Value, TextOptions);
        reader.Read();
        return ReadValue(ref reader, maxDepth);
    }

    public static PolicyDocument ReadValue(ref Utf8JsonReader reader, int maxDepth)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return ReadObjectOrOther(ref reader, maxDepth, finish: true);
        }

        // A document given as a string: read the JSON it holds; a problem that stops the reading is told at the string, naming its place inside.
        var text = Unescaped(ref reader, out var problem);
        if (problem is not null)
        {
            return Refused(JsonPath.Root, $"The text {problem}");
        }

        var inner = ReadText(UrlDecoded(text));
        if (inner.Problems is [{ StoppedReading: true } single])
        {
            return Refused(JsonPath.Root, single.Path == JsonPath.Root
                ? single.Message
                : $"{single.Message.TrimEnd('.')} (at {single.Path} of the document the string holds).");
        }

        return inner;
    }

    // IAM's query API, and the SDKs built on it (Java's among them), return documents URL-encoded ("%7B%22Version%22...").
    // JSON text never starts with '%', so such text is decoded first; RFC 3986 decoding leaves '+' alone, as IAM encodes a
    // space as "%20" and a plus as "%2B".
    private static byte[] UrlDecoded(byte[] text)
    {
        var start = text.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || text[start] != (byte)'%')
        {
            return text;
        }

        return System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(text)));
    }

    private static string InvalidJson(JsonException ex) =>
        ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"The string does not hold valid JSON (line {line + 1}, position {position + 1}).")
            : "The string does not hold valid JSON.";

    private static byte[] Unescaped(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        if (!Utf8.IsValid(raw))
        {
            problem = "is not valid UTF-8; send the body as UTF-8.";
            return [];
        }

        if (!reader.ValueIsEscaped)
        {
            return raw;
        }

        try
        {
            var buffer = new byte[raw.Length];
            return buffer[..reader.CopyString(buffer)];
        }
        catch (InvalidOperationException)
        {
            problem = "holds an escaped surrogate (\\uD800 to \\uDFFF) without its pair, which is not a character.";
            return [];
        }
    }

    private static PolicyDocument ReadObjectOrOther(ref Utf8JsonReader reader, int maxDepth, bool finish, bool text = false)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = Describe(reader.TokenType);
            SkipValue(ref reader);
            return Refused(JsonPath.Root, text
                ? $"The string holds JSON, but {kind} rather than a policy document object."
                : $"A policy document must be a JSON object, or a string holding the JSON of one; this is {kind}.");
        }

        var tokens = new JsonTokens();
        var problems = new List<PolicyProblem>();
        var read = new Tokenizer(tokens, problems, maxDepth).Read(ref reader, finish);
        tokens.Seal();
        return read ? new Structure(tokens, problems).Document() : new PolicyDocument(tokens, [], [], false, problems);
    }

    // The serializer hands a converter a reader that is not on the final block, though the whole value is there: Skip would refuse.
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The JSON text ends inside the document.");
        }
    }

    private static PolicyDocument Refused(string path, string message) =>
        new(new JsonTokens(), [], [], false, [ReadingProblem(path, message)]);

    /// <summary>"an array", "a number", ... for messages.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private static PolicyProblem ReadingProblem(string path, string message) => new(path, message) { StoppedReading = true };

    /// <summary>
    /// Copies the tokens of one object, checking each string and key as it goes; paths are only made for a problem. A
    /// reading problem ends the copy; with <c>finish</c> the reader is still taken to the object's end, so that what
    /// follows it can be read.
    /// </summary>
    private sealed class Tokenizer(JsonTokens tokens, List<PolicyProblem> problems, int maxDepth)
    {
        // The open objects and arrays, innermost last.
        private readonly List<Container> _open = [];

        // An object's keys are compared with the ones before them in its tokens; past this many, a set of its own is kept.
        private const int KeysCompared = 8;

        /// <summary>True when the object was read without a reading problem.</summary>
        public bool Read(ref Utf8JsonReader reader, bool finish)
        {
            var depth = reader.CurrentDepth;
            var ok = true;
            while (true)
            {
                ok = ok && Take(ref reader);
                if (!ok && !finish)
                {
                    return false;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth)
                {
                    return ok;
                }

                if (!reader.Read())
                {
                    throw new JsonException("The JSON text ends inside the document.");
                }
            }
        }

        private bool Take(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var place = Next();
                    _open.Add(new Container(tokens.Add(reader.TokenType), reader.TokenType == JsonTokenType.StartArray, place));
                    if (_open.Count > maxDepth)
                    {
                        problems.Add(ReadingProblem(PathOf(null), TooDeep));
                        return false;
                    }

                    return true;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    tokens.Close(_open[^1].Start, reader.TokenType);
                    _open.RemoveAt(_open.Count - 1);
                    return true;
                case JsonTokenType.PropertyName:
                    var key = Text(ref reader, out var keyProblem);
                    if (key is null)
                    {
                        problems.Add(ReadingProblem(PathOf(null), $"A key {keyProblem}"));
                        return false;
                    }

                    var container = _open[^1];
                    if (!IsNew(container, key))
                    {
                        problems.Add(ReadingProblem(PathOf(null), $"The key '{key}' is given twice in this object; IAM refuses a document with a repeated key, and so does the service."));
                        return false;
                    }

                    container.Key = key;
                    tokens.Add(JsonTokenType.PropertyName, key);
                    if (!IsPlain(ref reader) && Disallowed(key) is { } inKey)
                    {
                        problems.Add(new PolicyProblem(PathOf(new Place(key, 0)), inKey));
                    }

                    return true;
                case JsonTokenType.String:
                    var at = Next();
                    var text = Text(ref reader, out var textProblem);
                    if (text is null)
                    {
                        problems.Add(ReadingProblem(PathOf(at), $"The text {textProblem}"));
                        return false;
                    }

                    tokens.Add(JsonTokenType.String, text);
                    if (!IsPlain(ref reader) && Disallowed(text) is { } inText)
                    {
                        problems.Add(new PolicyProblem(PathOf(at), inText));
                    }

                    return true;
                case JsonTokenType.Number:
                    Next();
                    tokens.Add(JsonTokenType.Number, System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
                    return true;
                default:
                    Next();
                    tokens.Add(reader.TokenType);
                    return true;
            }
        }

        // Whether the object has not had this key yet; its earlier members are complete, so its keys are found by skipping values.
        private bool IsNew(Container container, string key)
        {
            if (container.Keys is { } set)
            {
                return set.Add(key);
            }

            for (var i = container.Start + 1; i < tokens.Count; i = tokens.After(i + 1))
            {
                if (tokens[i].Text == key)
                {
                    return false;
                }
            }

            if (++container.KeyCount == KeysCompared)
            {
                container.Keys = new HashSet<string>(StringComparer.Ordinal) { key };
                for (var i = container.Start + 1; i < tokens.Count; i = tokens.After(i + 1))
                {
                    container.Keys.Add(tokens[i].Text!);
                }
            }

            return true;
        }

        // The place of the value about to be read: the key just read, or the next item of the enclosing array.
        private Place? Next()
        {
            if (_open.Count == 0)
            {
                return null;
            }

            var container = _open[^1];
            return container.IsArray ? new Place(null, container.NextIndex++) : new Place(container.Key, 0);
        }

        private string PathOf(Place? last)
        {
            var path = JsonPath.Root;
            foreach (var place in _open.Select(c => c.Place).Append(last))
            {
                path = place switch
                {
                    null => path,
                    { Key: { } key } => JsonPath.Property(path, key),
                    { Index: var index } => JsonPath.Item(path, index),
                };
            }

            return path;
        }

        // The keys and values nearly every policy has, handed out as one string each rather than a new one per document.
        private static readonly (byte[] Utf8, string Text)[] Common =
            [.. new[] { "Version", "2012-10-17", "Statement", "Sid", "Effect", "Allow", "Deny", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "*" }
                .Select(text => (System.Text.Encoding.UTF8.GetBytes(text), text))];

        // The string or key the reader is on; null, with what is wrong, when it is not text a .NET string can hold.
        private static string? Text(ref Utf8JsonReader reader, out string? problem)
        {
            problem = null;
            if (!reader.HasValueSequence && !reader.ValueIsEscaped)
            {
                foreach (var (utf8, text) in Common)
                {
                    if (reader.ValueSpan.SequenceEqual(utf8))
                    {
                        return text;
                    }
                }
            }

            if (reader.HasValueSequence ? !Utf8.IsValid(reader.ValueSequence.ToArray()) : !Utf8.IsValid(reader.ValueSpan))
            {
                problem = "is not valid UTF-8; send the body as UTF-8.";
                return null;
            }

            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                problem = "holds an escaped surrogate (\\uD800 to \\uDFFF) without its pair, which is not a character.";
                return null;
            }
        }

        // Printable ASCII without escapes, as nearly every policy's text is: nothing IAM refuses, no need to look closer.
        private static bool IsPlain(ref Utf8JsonReader reader) =>
            !reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0;

        private static string? Disallowed(string text) =>
            IamSyntax.FirstDisallowedCharacter(text) is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"The text holds the character U+{(int)c:X4}, which IAM does not allow in a policy (it allows tab, line breaks and U+0020 to U+00FF).")
                : null;

        /// <summary>Where a value sits in its parent: under a key, or at an index.</summary>
        private readonly record struct Place(string? Key, int Index);

        private sealed class Container(int start, bool isArray, Place? place)
        {
            public int Start { get; } = start;

            public bool IsArray { get; } = isArray;

            public Place? Place { get; } = place;

            public int NextIndex { get; set; }

            public string? Key { get; set; }

            public int KeyCount { get; set; }

            public HashSet<string>? Keys { get; set; }
        }
    }

    /// <summary>Reads the document's structure from its tokens: the model, and what IAM or the refinement would refuse.</summary>
    private sealed class Structure(JsonTokens tokens, List<PolicyProblem> problems)
    {
        // Whether every statement made it into the model; problems of syntax or characters alone leave it complete.
        private bool _complete = true;

        public PolicyDocument Document()
        {
            var members = new List<PolicyMember>();
            int? version = null, statement = null;
            for (var i = 1; tokens[i].Type != JsonTokenType.EndObject; i = tokens.After(i + 1))
            {
                var name = tokens[i].Text!;
                members.Add(new PolicyMember(name, name == StatementKey ? -1 : i + 1));
                if (name == StatementKey)
                {
                    statement = i + 1;
                }
                else if (name == "Version")
                {
                    version = i + 1;
                }
            }

            if (version is { } v && (tokens[v].Type != JsonTokenType.String || !IamSyntax.Versions.Contains(tokens[v].Text)))
            {
                problems.Add(new PolicyProblem(JsonPath.Property(JsonPath.Root, "Version"), "'Version' must be \"2012-10-17\" (or the older \"2008-10-17\"); leave it out for IAM's default."));
            }

            var path = JsonPath.Property(JsonPath.Root, StatementKey);
            var statements = new List<PolicyStatement>();
            var isArray = false;
            switch (statement is { } s ? tokens[s].Type : JsonTokenType.None)
            {
                case JsonTokenType.None:
                    problems.Add(new PolicyProblem(path, "The document needs a 'Statement': a statement object or an array of them."));
                    break;
                case JsonTokenType.StartObject:
                    Add(statements, Statement(statement!.Value, 0, path));
                    break;
                case JsonTokenType.StartArray:
                    isArray = true;
                    var items = Items(statement!.Value);
                    if (items.Count == 0)
                    {
                        problems.Add(new PolicyProblem(path, "'Statement' must hold at least one statement."));
                    }
                    else if (items.Count > PolicyLimits.MaxStatements)
                    {
                        problems.Add(new PolicyProblem(path, string.Create(CultureInfo.InvariantCulture,
                            $"A document may hold at most {PolicyLimits.MaxStatements:N0} statements; this one has {items.Count:N0}.")));
                    }
                    else
                    {
                        for (var i = 0; i < items.Count; i++)
                        {
                            Add(statements, Statement(items[i], i, JsonPath.Item(path, i)));
                        }
                    }

                    break;
                default:
                    problems.Add(new PolicyProblem(path, $"'Statement' must be a statement object or an array of them; this is {Describe(tokens[statement!.Value].Type)}."));
                    break;
            }

            return new PolicyDocument(tokens, members, statements, isArray, problems) { IsComplete = _complete && statements.Count > 0 };
        }

        private void Add(List<PolicyStatement> statements, PolicyStatement? statement)
        {
            if (statement is null)
            {
                _complete = false;
                return;
            }

            statements.Add(statement);
        }

        // The start tokens of the items of the array that starts at `array`.
        private List<int> Items(int array)
        {
            var items = new List<int>();
            for (var i = array + 1; tokens[i].Type != JsonTokenType.EndArray; i = tokens.After(i))
            {
                items.Add(i);
            }

            return items;
        }

        private PolicyStatement? Statement(int start, int index, string path)
        {
            if (tokens[start].Type != JsonTokenType.StartObject)
            {
                problems.Add(new PolicyProblem(path, $"A statement must be a JSON object; this is {Describe(tokens[start].Type)}."));
                return null;
            }

            var members = new List<PolicyMember>();
            int? effect = null, action = null, notAction = null;
            string? sid = null;
            for (var i = start + 1; tokens[i].Type != JsonTokenType.EndObject; i = tokens.After(i + 1))
            {
                var name = tokens[i].Text!;
                var value = i + 1;
                switch (name)
                {
                    case "Effect":
                        effect = value;
                        break;
                    case "Action":
                        action = value;
                        break;
                    case "NotAction":
                        notAction = value;
                        break;
                    case "Sid" when tokens[value].Type == JsonTokenType.String:
                        sid = tokens[value].Text;
                        break;
                }

                members.Add(new PolicyMember(name, value));
            }

            var allowOrDeny = effect is { } e && tokens[e].Type == JsonTokenType.String ? tokens[e].Text switch
            {
                "Allow" => PolicyEffect.Allow,
                "Deny" => PolicyEffect.Deny,
                _ => (PolicyEffect?)null,
            } : null;
            if (allowOrDeny is null)
            {
                problems.Add(new PolicyProblem(JsonPath.Property(path, "Effect"), "'Effect' must be \"Allow\" or \"Deny\"."));
            }

            if (action.HasValue == notAction.HasValue)
            {
                problems.Add(new PolicyProblem(path, action.HasValue
                    ? "A statement has either 'Action' or 'NotAction', not both."
                    : "A statement needs 'Action' or 'NotAction': the actions it allows or denies."));
                return null;
            }

            var key = action.HasValue ? "Action" : "NotAction";
            var entriesAt = action ?? notAction!.Value;
            var entries = Entries(entriesAt, key, JsonPath.Property(path, key));
            if (entries is null || allowOrDeny is null)
            {
                return null;
            }

            var placed = members.Select(m => m.Value == entriesAt ? m with { Value = -1 } : m).ToList();
            return new PolicyStatement(tokens, placed, index, sid, allowOrDeny.Value, notAction.HasValue, entries, tokens[entriesAt].Type == JsonTokenType.String);
        }

        private List<string>? Entries(int start, string key, string path)
        {
            var token = tokens[start];
            switch (token.Type)
            {
                case JsonTokenType.String:
                    if (Problem(token) is { } problem)
                    {
                        problems.Add(new PolicyProblem(path, problem));
                    }

                    return [token.Text!];
                case JsonTokenType.StartArray:
                    var entries = new List<string>();
                    var index = 0;
                    var ok = true;
                    for (var i = start + 1; tokens[i].Type != JsonTokenType.EndArray; i = tokens.After(i), index++)
                    {
                        // The path is made only for an entry at fault: a document can list thousands.
                        if (Problem(tokens[i]) is { } entryProblem)
                        {
                            problems.Add(new PolicyProblem(JsonPath.Item(path, index), entryProblem));
                        }

                        // An entry IAM would refuse for its syntax is still an entry: only one that is not a string has none.
                        if (tokens[i].Type == JsonTokenType.String)
                        {
                            entries.Add(tokens[i].Text!);
                        }
                        else
                        {
                            ok = false;
                        }
                    }

                    if (index == 0)
                    {
                        problems.Add(new PolicyProblem(path, $"'{key}' must name at least one action."));
                        return null;
                    }

                    return ok ? entries : null;
                default:
                    problems.Add(new PolicyProblem(path, $"'{key}' must be an action such as \"s3:GetObject\" or an array of them; this is {Describe(token.Type)}."));
                    return null;
            }
        }

        // Why an entry cannot stand in Action or NotAction, or null when it can.
        private static string? Problem(JsonToken entry) =>
            entry.Type != JsonTokenType.String
                ? $"An action must be a string such as \"s3:GetObject\"; this is {Describe(entry.Type)}."
                : entry.Text!.Length == 0
                    ? "An action must not be empty; write service:action, such as \"s3:GetObject\"."
                    : entry.Text.Length > PolicyLimits.MaxPatternLength
                        ? IamSyntax.TooLong(entry.Text)
                        : IamSyntax.IsActionPattern(entry.Text)
                            ? null
                            : $"'{entry.Text}' is not an action: write service:action, such as \"s3:GetObject\" or \"s3:Get*\", or \"*\" for every action.";
    }
}
