[Strategy("Evil Dynamic")]
public sealed class Dynamic : Strategy
{
    public override void OnStart()
    {
        dynamic self = this; // <- forbidden
        self.Attach(null);
    }
}
