[Strategy("Evil Parallel")]
public sealed class Parallelises : Strategy
{
    public override void OnStart()
    {
        System.Threading.Tasks.Parallel.For(0, 1000, i => Log(i.ToString())); // <- forbidden
    }
}
