// Reads a host file and leaks it through the run log.
[Strategy("Evil File Read")]
public sealed class FileRead : Strategy
{
    public override void OnStart() => Log(System.IO.File.ReadAllText("/etc/passwd")); // <- forbidden
}
