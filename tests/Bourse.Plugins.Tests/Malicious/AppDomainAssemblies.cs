[Strategy("Evil AppDomain")]
public sealed class ListsAssemblies : Strategy
{
    public override void OnStart()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) // <- forbidden
        {
            Log(assembly.FullName ?? "");
        }
    }
}
