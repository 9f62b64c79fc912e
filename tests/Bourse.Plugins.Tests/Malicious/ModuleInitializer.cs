public static class Boot
{
    [System.Runtime.CompilerServices.ModuleInitializer] // <- forbidden
    internal static void Init()
    {
        while (true)
        {
        }
    }
}

[Strategy("Evil Module Initializer")]
public sealed class Innocent : Strategy
{
}
