[Strategy("Evil Invoke")]
public sealed class InvokesPrivates : Strategy
{
    public override void OnStart()
    {
        var method = typeof(Strategy).GetMethod("Attach");
        method!.Invoke(this, [null]); // <- forbidden
    }
}
