[Strategy("Evil PLINQ")]
public sealed class UsesPlinq : Strategy
{
    public override void OnStart()
    {
        var sum = Enumerable.Range(0, 1000).AsParallel().Sum(); // <- forbidden
        Log(sum.ToString());
    }
}
