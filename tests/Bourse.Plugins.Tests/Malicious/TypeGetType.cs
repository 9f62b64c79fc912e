[Strategy("Evil Type Lookup")]
public sealed class LooksUpTypes : Strategy
{
    public override void OnStart()
    {
        var file = Type.GetType("System.IO.File"); // <- forbidden
        Log(file?.Name ?? "none");
    }
}
