[Strategy("Evil Console")]
public sealed class Prints : Strategy
{
    public override void OnBar(Bar bar) => Console.WriteLine(bar); // <- forbidden
}
