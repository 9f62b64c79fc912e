[Strategy("Evil GC")]
public sealed class Collects : Strategy
{
    public override void OnBar(Bar bar) => GC.Collect(2, GCCollectionMode.Forced, blocking: true); // <- forbidden
}
