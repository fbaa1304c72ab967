using System.Security.Cryptography;
using System.Text;

namespace CivicHall.ServiceDefaults.PersonalData;

/// <summary>
/// Turns an ID number into a keyed hash for matching (the person key) and encrypts personal data for
/// authorised display (AES-256-GCM). Neither the clear value nor the keys ever reach logs.
/// </summary>
public sealed class PersonalDataProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _hashKey;
    private readonly byte[] _encryptionKey;

    public PersonalDataProtector(byte[] hashKey, byte[] encryptionKey)
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentNullException.ThrowIfNull(encryptionKey);
        if (hashKey.Length < 32 || encryptionKey.Length != 32)
        {
            throw new ArgumentException("PersonalData keys must be 32 bytes (base64 in configuration).");
        }

        _hashKey = hashKey;
        _encryptionKey = encryptionKey;
    }

    /// <summary>The stable, non-reversible key of a person: HMAC-SHA256 of the normalised ID number.</summary>
    public string PersonKey(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var mac = HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(ChineseIdNumber.Normalize(idNumber)));
        return "pk_" + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + clear.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, clear, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var input = Convert.FromBase64String(ciphertext);
        if (input.Length < 1 + NonceSize + TagSize || input[0] != FormatVersion)
        {
            throw new CryptographicException("Not a CivicHall personal-data ciphertext.");
        }

        var clear = new byte[input.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize + TagSize), input.AsSpan(1 + NonceSize, TagSize), clear);
        return Encoding.UTF8.GetString(clear);
    }
}
