using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>
/// What an error answer must look like: RFC 9457 problem details everywhere, except on the Alpaca dialect's routes
/// (<c>/v2…</c>, <c>/v1beta3…</c>), which answer Alpaca's <c>{"code": number, "message": string}</c> so Alpaca's SDKs read them,
/// and the TradingView UDF datafeed's (<c>/api/v1/datafeed…</c>), which answer UDF's <c>{"s": "error", "errmsg": string}</c>.
/// </summary>
internal static class ErrorBodies
{
    /// <summary>True when <paramref name="path"/> is served in the Alpaca dialect.</summary>
    public static bool IsAlpacaPath(string path) =>
        path.StartsWith("/v2/", StringComparison.Ordinal) || path.StartsWith("/v1beta3/", StringComparison.Ordinal);

    /// <summary>True when <paramref name="path"/> is the TradingView UDF datafeed.</summary>
    public static bool IsDatafeedPath(string path) => path.StartsWith("/api/v1/datafeed/", StringComparison.Ordinal);

    /// <summary>True when <paramref name="response"/> to a request on <paramref name="path"/> carries the error body its dialect requires.</summary>
    public static async Task<bool> IsErrorBodyAsync(HttpResponseMessage response, string path)
    {
        var plainJson = IsAlpacaPath(path) || IsDatafeedPath(path);
        if (response.Content.Headers.ContentType?.MediaType != (plainJson ? "application/json" : "application/problem+json"))
        {
            return false;
        }

        try
        {
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (IsAlpacaPath(path))
            {
                return root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                    && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String;
            }

            return IsDatafeedPath(path)
                ? root.TryGetProperty("s", out var status) && status.GetString() == "error" && root.TryGetProperty("errmsg", out _)
                : root.TryGetProperty("status", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
