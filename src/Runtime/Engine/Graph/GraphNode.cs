namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// What a network's layer list holds: a layer (<see cref="GraphStep"/>) or a block of layers
/// (<see cref="ResidualBlock"/>). <see cref="NetworkGraph"/> flattens blocks into steps, so the rest of the runtime
/// only ever sees steps.
/// </summary>
public abstract class GraphNode
{
    private protected GraphNode()
    {
    }
}
