using Disk = System.IO.Directory; // <- forbidden

[Strategy("Evil Alias")]
public sealed class ListsFiles : Strategy
{
    public override void OnStart() => Log(string.Join(",", Disk.GetFiles("/")));
}
