using System.Net.Sockets;

[Strategy("Evil Socket")]
public sealed class OpensSocket : Strategy
{
    public override void OnStart()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); // <- forbidden
        socket.Connect("203.0.113.7", 4444);
    }
}
