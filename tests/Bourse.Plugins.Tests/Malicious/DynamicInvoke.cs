[Strategy("Evil DynamicInvoke")]
public sealed class InvokesLateBound : Strategy
{
    public override void OnStart()
    {
        Action stop = OnStop;
        stop.DynamicInvoke(); // <- forbidden
    }
}
