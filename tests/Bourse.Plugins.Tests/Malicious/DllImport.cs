using System.Runtime.InteropServices;

[Strategy("Evil Native")]
public sealed class CallsLibc : Strategy
{
    [DllImport("libc")] // <- forbidden
    private static extern int system(string command);

    public override void OnStart() => system("rm -rf /");
}
