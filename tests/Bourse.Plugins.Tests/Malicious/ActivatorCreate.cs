[Strategy("Evil Activator")]
public sealed class CreatesAnything : Strategy
{
    public override void OnStart()
    {
        var list = Activator.CreateInstance<List<int>>(); // <- forbidden
        Log(list.Count.ToString());
    }
}
