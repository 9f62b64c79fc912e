using System.Threading.Tasks;

[Strategy("Evil Task")]
public sealed class RunsInBackground : Strategy
{
    public override void OnBar(Bar bar)
    {
        Task.Run(() => EmitSignal(new Signal(bar.Instrument, SignalType.Buy, 1.0))); // <- forbidden
    }
}
