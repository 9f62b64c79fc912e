[Strategy("Evil Loader")]
public sealed class LoadsAssemblies : Strategy
{
    private readonly byte[] _payload = [0x4d, 0x5a];

    public override void OnStart()
    {
        var loaded = System.Reflection.Assembly.Load(_payload); // <- forbidden
        Log(loaded.FullName ?? "");
    }
}
