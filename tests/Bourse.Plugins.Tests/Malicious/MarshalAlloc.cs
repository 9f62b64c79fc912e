using System.Runtime.InteropServices;

[Strategy("Evil Marshal")]
public sealed class NativeMemory : Strategy
{
    public override void OnStart()
    {
        var block = Marshal.AllocHGlobal(1 << 30); // <- forbidden
        Log(block.ToString());
    }
}
