[Strategy("Evil Timer")]
public sealed class OwnTimer : Strategy
{
    private System.Threading.Timer? _timer;

    public override void OnStart()
    {
        _timer = new System.Threading.Timer(_ => Log("tick"), null, 0, 10); // <- forbidden
    }
}
