[Strategy("Evil Function Pointer")]
public sealed class CallsThroughPointers : Strategy
{
    private static void Target()
    {
    }

    public override void OnStart()
    {
        delegate*<void> call = &Target; // <- forbidden
        call();
    }
}
