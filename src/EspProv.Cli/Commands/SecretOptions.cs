using System.CommandLine;
using System.Text;
using EspProv.Cli.Output;

namespace EspProv.Cli.Commands;

/// <summary>
/// Where each secret may come from besides its flag: argv is readable by every local user (through
/// /proc), so each secret can also come from a file, standard input (<c>-</c>) or an environment
/// variable. A flag wins over a file, a file over the environment; a flag and a file together are a
/// usage error, since one of them would be silently ignored.
/// </summary>
internal sealed class SecretOptions
{
    // A passphrase is at most 64 bytes, a dataset 254; anything far beyond is not a secret file.
    private const int MaxSecretFileBytes = 4096;

    public Option<string?> PassphraseFile { get; } = new("--passphrase-file") { Description = "Read the Wi-Fi passphrase from this file ('-' for stdin); or set ESP_PROV_PASSPHRASE" };
    public Option<string?> PopFile { get; } = new("--pop-file") { Description = "Read the proof of possession from this file ('-' for stdin); or set ESP_PROV_POP" };
    public Option<string?> Sec2PasswordFile { get; } = new("--sec2-pwd-file", "--sec2_pwd_file") { Description = "Read the security 2 password from this file ('-' for stdin); or set ESP_PROV_SEC2_PWD" };
    public Option<string?> DatasetTlvsFile { get; } = new("--dataset-tlvs-file", "--dataset_tlvs_file") { Description = "Read the Thread dataset (hex) from this file ('-' for stdin); or set ESP_PROV_DATASET_TLVS" };

    public Option<string?> JoinPasswordFile { get; } = new("--join-password-file") { Description = "Read the device AP's password from this file ('-' for stdin); or set ESP_PROV_JOIN_PASSWORD" };

    public IEnumerable<Option> All => [PassphraseFile, PopFile, Sec2PasswordFile, DatasetTlvsFile, JoinPasswordFile];

    /// <summary>
    /// The environment's value, the weakest source: a variable left over from an earlier device must not
    /// override what this run's flags or QR payload say.
    /// </summary>
    public static string? FromEnvironment(string variable) => Environment.GetEnvironmentVariable(variable);

    /// <summary>Resolves the secrets of one run; only one of them may be read from stdin.</summary>
    public sealed class Reader(ParseResult parse, bool stdinIsProtocol)
    {
        private string? _stdinTakenBy;

        /// <summary>The secret given for this run by flag or file, else null (the environment is asked separately, last).</summary>
        public string? Read(Option<string?> flag, Option<string?> file)
        {
            var fromFlag = parse.GetValue(flag);
            var path = parse.GetValue(file);
            if (path is null)
            {
                return fromFlag;
            }

            if (fromFlag is not null)
            {
                throw new UsageException($"Give either {flag.Name} or {file.Name}, not both.");
            }

            return path == "-" ? ReadStdin(file.Name) : ReadFile(path, file.Name);
        }

        private string ReadStdin(string option)
        {
            if (stdinIsProtocol)
            {
                throw new UsageException($"{option} -: standard input carries the console transport's protocol; use a file or the environment variable.");
            }

            if (_stdinTakenBy is not null)
            {
                throw new UsageException($"{option} and {_stdinTakenBy} cannot both read standard input.");
            }

            _stdinTakenBy = option;
            try
            {
                using var stdin = StandardStreams.OpenInput();
                return Decode(BoundedRead.Stream(stdin, MaxSecretFileBytes, option), option);
            }
            catch (IOException ex)
            {
                throw new UsageException($"Cannot read {option} from standard input: {ex.Message}", ex);
            }
        }

        private static string ReadFile(string path, string option) => Decode(BoundedRead.File(path, MaxSecretFileBytes, option), option);

        private static string Decode(byte[] bytes, string option)
        {
            try
            {
                return Trim(new UTF8Encoding(false, true).GetString(bytes));
            }
            catch (DecoderFallbackException)
            {
                throw new UsageException($"{option}: the content is not valid UTF-8.");
            }
        }

        // Editors and `echo` end files with a newline that is no part of the secret.
        private static string Trim(string text) =>
            text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
    }
}
