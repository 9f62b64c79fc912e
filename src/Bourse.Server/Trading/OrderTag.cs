using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bourse.Server.Trading;

/// <summary>
/// What an account keeps with each order beyond the engine's terms, stored as the order's tag (JSON), so it survives
/// restarts with the order row: the client's order id, the order class of its request, the order's parent (an exit's
/// entry) and the client dialect's label.
/// </summary>
/// <param name="ClientOrderId">The client's id (unique in the account).</param>
/// <param name="Class">The request's order class.</param>
/// <param name="Parent">The engine id of the order's entry (an exit of a bracket/OTO, the second order of an OCO), else null.</param>
/// <param name="Label">The request's label, else null.</param>
public sealed record OrderTag(
    [property: JsonPropertyName("client_order_id")] string ClientOrderId,
    [property: JsonPropertyName("class")] OrderClass Class,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("label")] string? Label)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The tag text.</summary>
    public string Encode() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a tag; an order without one (or with another tag: the kill switch's) gets its engine id as client id.</summary>
    public static OrderTag Decode(string? tag, string orderId)
    {
        if (tag is { Length: > 0 } && tag[0] == '{')
        {
            try
            {
                if (JsonSerializer.Deserialize<OrderTag>(tag, Options) is { ClientOrderId: not null } decoded)
                {
                    return decoded;
                }
            }
            catch (JsonException)
            {
                // not an account's tag: fall through
            }
        }

        return new OrderTag(orderId, OrderClass.Simple, null, tag);
    }
}
