[Strategy("Evil Pointer")]
public sealed class WritesMemory : Strategy
{
    public override void OnStart()
    {
        unsafe // <- forbidden
        {
            long x = 0;
            long* p = &x;
            p[100] = 42;
        }
    }
}
