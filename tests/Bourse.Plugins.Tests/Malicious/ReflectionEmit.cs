using System.Reflection;
using System.Reflection.Emit;

[Strategy("Evil Emit")]
public sealed class EmitsCode : Strategy
{
    public override void OnStart()
    {
        var builder = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("x"), AssemblyBuilderAccess.Run); // <- forbidden
        Log(builder.FullName);
    }
}
