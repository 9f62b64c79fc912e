[Strategy("Evil Environment")]
public sealed class ReadsSecrets : Strategy
{
    public override void OnStart()
    {
        var secret = Environment.GetEnvironmentVariable("BOURSE_DATABASE__CONNECTIONSTRING"); // <- forbidden
        Log(secret ?? "");
    }
}
