[Strategy("Evil Async")]
public sealed class FireAndForget : Strategy
{
    public override void OnStart() => Later();

    private async void Later() // <- forbidden
    {
        await System.Threading.Tasks.Task.Yield();
        Log("running outside the run loop");
    }
}
