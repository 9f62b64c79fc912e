using System.Linq.Expressions;

[Strategy("Evil Expression")]
public sealed class CompilesExpressions : Strategy
{
    public override void OnStart()
    {
        Expression<Func<int>> expression = () => 42; // <- forbidden
        Log(expression.Compile()().ToString());
    }
}
