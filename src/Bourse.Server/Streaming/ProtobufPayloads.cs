using System.Globalization;
using System.Text.Json;
using Bourse.Server.Streaming.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Bourse.Server.Streaming;

/// <summary>
/// Builds the protobuf payload of an <see cref="Update"/> from the JSON payload <c>/ws</c> sends (<see cref="RunEventMessages"/>
/// stays the one description of what an event carries): the payload case is the <c>oneof payload</c> field named like the
/// event, and each JSON property sets the message field of the same (snake_case) name. Decimals keep their exact JSON text
/// in string fields; times become <see cref="Timestamp"/>s; a null leaves an <c>optional</c> field unset.
/// </summary>
internal static class ProtobufPayloads
{
    private static readonly Dictionary<string, FieldDescriptor> Cases =
        Update.Descriptor.Oneofs.Single(o => o.Name == "payload").Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The event names a payload case exists for.</summary>
    public static IReadOnlyCollection<string> Events => Cases.Keys;

    /// <summary>Sets the payload case <paramref name="eventName"/> of <paramref name="update"/> from the JSON object <paramref name="payload"/>.</summary>
    /// <exception cref="InvalidOperationException">stream.proto has no case for the event or no field for a property (it fell behind <see cref="RunEventMessages"/>).</exception>
    public static void Set(Update update, string eventName, ReadOnlySpan<byte> payload)
    {
        if (!Cases.TryGetValue(eventName, out var field))
        {
            throw new InvalidOperationException($"stream.proto's Update has no payload case '{eventName}'.");
        }

        var message = field.MessageType.Parser.ParseFrom(ByteString.Empty);
        using var json = JsonDocument.Parse(payload.ToArray());
        Fill(message, json.RootElement);
        field.Accessor.SetValue(update, message);
    }

    private static void Fill(IMessage message, JsonElement payload)
    {
        foreach (var property in payload.EnumerateObject())
        {
            var field = message.Descriptor.FindFieldByName(property.Name)
                ?? throw new InvalidOperationException($"stream.proto's {message.Descriptor.Name} has no field '{property.Name}'.");
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                field.Accessor.SetValue(message, Value(field, property.Value));
            }
        }
    }

    private static object Value(FieldDescriptor field, JsonElement value) => field.FieldType switch
    {
        FieldType.String => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        FieldType.Bool => value.GetBoolean(),
        FieldType.Int32 => value.GetInt32(),
        FieldType.Int64 => value.GetInt64(),
        FieldType.Double => value.GetDouble(),
        FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName => Timestamp.FromDateTimeOffset(
            DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)),
        _ => throw new InvalidOperationException($"stream.proto's field {field.FullName} has a type ({field.FieldType}) payloads do not use."),
    };
}
