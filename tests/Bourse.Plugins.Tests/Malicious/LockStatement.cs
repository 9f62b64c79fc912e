[Strategy("Evil Lock")]
public sealed class Locks : Strategy
{
    public override void OnBar(Bar bar)
    {
        lock (typeof(Strategy)) // <- forbidden
        {
            Log("holding a lock every run shares");
        }
    }
}
