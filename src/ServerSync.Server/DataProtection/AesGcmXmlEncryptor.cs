using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace ServerSync.Server.DataProtection;

/// <summary>Encrypts each Data Protection key element with AES-256-GCM under the configured key encryption key.</summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(key.Bytes, tag.Length)) aes.Encrypt(nonce, plaintext, ciphertext, tag);
        var element = new XElement(AesGcmXmlDecryptor.ElementName,
            new XComment(" AES-256-GCM under ServerSync:DataProtection:KeyEncryptionKey "),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. ciphertext])));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}
