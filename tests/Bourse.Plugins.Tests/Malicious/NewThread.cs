[Strategy("Evil Thread")]
public sealed class StartsThreads : Strategy
{
    public override void OnStart()
    {
        var thread = new System.Threading.Thread(() => { while (true) { } }); // <- forbidden
        thread.Start();
    }
}
