[Strategy("Evil Exit")]
public sealed class KillsServer : Strategy
{
    public override void OnBar(Bar bar)
    {
        if (bar.Close.Value > 0m)
        {
            Environment.Exit(1); // <- forbidden
        }
    }
}
