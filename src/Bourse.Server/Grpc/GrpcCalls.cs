using System.Globalization;
using System.Text.Json;
using Bourse.Server.Auth;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Bourse.Server.Grpc;

/// <summary>
/// What every gRPC service needs: the caller, errors as status codes with the field at fault (<c>field</c> trailer and
/// <c>field: message</c> detail), and the conversions of the wire format (decimals as invariant strings, UTC timestamps).
/// </summary>
internal static class GrpcCalls
{
    /// <summary>The signed-in caller (the endpoints require one).</summary>
    public static CurrentUser Caller(this ServerCallContext context) =>
        CurrentUser.From(context.GetHttpContext().User) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "Sign in: send authorization: Bearer <api key or access token>."));

    /// <summary>The caller, refused with PERMISSION_DENIED when a viewer (viewers only read).</summary>
    public static CurrentUser Trader(this ServerCallContext context)
    {
        var user = context.Caller();
        return user.Role == Roles.Viewer
            ? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{user.Name} is a viewer; viewers may only read."))
            : user;
    }

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static RpcException Invalid(string field, string message) => Failure(StatusCode.InvalidArgument, field, message);

    /// <summary>INVALID_ARGUMENT for errors by field (the first one named in the trailer, all in the detail).</summary>
    public static RpcException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        Failure(StatusCode.InvalidArgument, errors.Keys.First(), string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))), prefix: false);

    /// <summary>NOT_FOUND for an id.</summary>
    public static RpcException NotFound(string what, string field, object id) => Failure(StatusCode.NotFound, field, $"No {what} has the id {id}.");

    /// <summary>A status with <paramref name="field"/> in the detail and the <c>field</c> trailer.</summary>
    public static RpcException Failure(StatusCode code, string field, string message, bool prefix = true) =>
        new(new Status(code, prefix ? $"{field}: {message}" : message), new Metadata { { "field", field } });

    /// <summary>A GUID field, or INVALID_ARGUMENT naming it.</summary>
    public static Guid Id(string text, string field) =>
        Guid.TryParse(text, out var id) ? id : throw Invalid(field, $"'{text}' is not a GUID.");

    /// <summary>A decimal field, invariant culture (empty: null), or INVALID_ARGUMENT naming it.</summary>
    public static decimal? Decimal(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid(field, $"'{text}' is not a decimal number (write it as a string, e.g. \"100.5\").");

    /// <summary>A decimal on the wire.</summary>
    public static string Wire(this decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A UTC time on the wire.</summary>
    public static Timestamp Wire(this DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>Parameter values (protobuf <c>Value</c>s) as the JSON values the plugins bind.</summary>
    public static Dictionary<string, JsonElement> Json(IDictionary<string, Value> values) =>
        values.ToDictionary(v => v.Key, v => JsonDocument.Parse(JsonFormatter.Default.Format(v.Value)).RootElement.Clone(), StringComparer.OrdinalIgnoreCase);
}
