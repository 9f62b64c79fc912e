using System.Net.Http.Json;
using System.Text.Json;

namespace Bourse.Server.Tests;

/// <summary>Clients of the <c>/v2</c> (Alpaca) surface, authenticated the way Alpaca's SDKs do.</summary>
public static class AlpacaClients
{
    /// <summary>
    /// Creates an API key for the user of <paramref name="credential"/> (default: the admin) and returns a client sending
    /// it as <c>APCA-API-KEY-ID</c> (the key id) and <c>APCA-API-SECRET-KEY</c> (the secret), with no Authorization header.
    /// </summary>
    public static async Task<HttpClient> CreateAlpacaClientAsync(this BourseServer server, string? credential = null)
    {
        var owner = credential is null ? server.CreateClient() : server.CreateClient(credential);
        var created = await owner.PostAsJsonAsync("/api/v1/auth/keys", new { name = "alpaca sdk" }, BourseServer.Json);
        created.EnsureSuccessStatusCode();
        var key = (await BourseServer.ReadJsonAsync(created)).GetProperty("data");
        return server.CreateAlpacaClient(key.GetProperty("key_id").GetString()!, key.GetProperty("secret").GetString()!);
    }

    /// <summary>A client sending <paramref name="keyId"/> / <paramref name="secret"/> in Alpaca's headers.</summary>
    public static HttpClient CreateAlpacaClient(this BourseServer server, string keyId, string secret)
    {
        var client = server.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        client.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        return client;
    }

    /// <summary>Asserts an Alpaca error: <paramref name="status"/>, application/json, <c>{code, message}</c> with <paramref name="code"/>; returns the message.</summary>
    public static async Task<string> AssertAlpacaErrorAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, int code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        var message = json.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Equal(2, json.EnumerateObject().Count());
        return message!;
    }
}
