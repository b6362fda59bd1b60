namespace NeuralStyle.Features.Authoring;

/// <summary>
/// Makes disposing an object that owns native memory safe while other threads are using it:
/// users wrap each use in <see cref="Enter"/>; <see cref="Dispose"/> marks the object disposed at
/// once (new uses throw <see cref="ObjectDisposedException"/>) and runs the release action when the
/// last use in progress ends, so native memory is never freed under a running operation.
/// </summary>
public sealed class NativeResourceGuard : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Action _release;
    private readonly string _owner;
    private int _inUse;
    private bool _disposed;
    private bool _released;

    /// <summary>Creates a guard.</summary>
    /// <param name="owner">The guarded object's name, for <see cref="ObjectDisposedException"/>.</param>
    /// <param name="release">Frees the native resources; runs exactly once.</param>
    public NativeResourceGuard(string owner, Action release)
    {
        ArgumentNullException.ThrowIfNull(release);
        _owner = owner ?? string.Empty;
        _release = release;
    }

    /// <summary>True once <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>Starts a use; dispose the returned value when it ends.</summary>
    /// <exception cref="ObjectDisposedException">The object was disposed.</exception>
    public Use Enter()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(_owner, $"{_owner} was disposed; create a new one to continue.");
            }

            _inUse++;
        }

        return new Use(this);
    }

    /// <summary>Marks the object disposed; releases now, or when the last use in progress ends.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_inUse > 0 || _released)
            {
                return;
            }

            _released = true;
        }

        _release();
    }

    private void Leave()
    {
        lock (_gate)
        {
            _inUse--;
            if (!_disposed || _inUse > 0 || _released)
            {
                return;
            }

            _released = true;
        }

        _release();
    }

    /// <summary>One use of the guarded object.</summary>
    public readonly struct Use : IDisposable, IEquatable<Use>
    {
        private readonly NativeResourceGuard? _guard;

        internal Use(NativeResourceGuard guard) => _guard = guard;

        /// <summary>Ends the use.</summary>
        public void Dispose() => _guard?.Leave();

        /// <inheritdoc />
        public bool Equals(Use other) => ReferenceEquals(_guard, other._guard);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Use other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _guard?.GetHashCode() ?? 0;

        /// <summary>Equality.</summary>
        public static bool operator ==(Use left, Use right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(Use left, Use right) => !left.Equals(right);
    }
}
