[Strategy("Evil Pool")]
public sealed class QueuesWork : Strategy
{
    public override void OnStart()
    {
        System.Threading.ThreadPool.QueueUserWorkItem(_ => Log("escaped")); // <- forbidden
    }
}
