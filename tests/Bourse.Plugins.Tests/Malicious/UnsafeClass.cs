[Strategy("Evil Unsafe As")]
public sealed class ReinterpretsReferences : Strategy
{
    public override void OnStart()
    {
        var text = System.Runtime.CompilerServices.Unsafe.As<string>(Portfolio); // <- forbidden
        Log(text);
    }
}
