[Strategy("Evil Regex")]
public sealed class Backtracks : Strategy
{
    public override void OnBar(Bar bar)
    {
        var match = System.Text.RegularExpressions.Regex.IsMatch(new string('a', 40) + "!", "^(a+)+$"); // <- forbidden
        Log(match.ToString());
    }
}
