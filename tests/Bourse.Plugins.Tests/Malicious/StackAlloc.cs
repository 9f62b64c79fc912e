[Strategy("Evil Stackalloc")]
public sealed class BlowsTheStack : Strategy
{
    public override void OnStart()
    {
        Span<byte> buffer = stackalloc byte[64 << 20]; // <- forbidden
        Log(buffer.Length.ToString());
    }
}
