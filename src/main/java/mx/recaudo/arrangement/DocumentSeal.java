package mx.recaudo.arrangement;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;
import java.util.List;

/**
 * The organization's seal on a PDF: a PAdES baseline-B signature (CMS detached, SubFilter
 * ETSI.CADES.DETACHED, with the ESS signing-certificate-v2 attribute) that PDF readers verify.
 * {@link #verify} checks that the signed byte range covers the whole file but the signature itself,
 * and that the signature matches those bytes. The demo makes its own certificate ({@link #selfSigned}).
 */
public final class DocumentSeal {
    private final PrivateKey key;
    private final X509Certificate certificate;

    public DocumentSeal(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A self-signed sealing certificate for an organization (demo and tests; production loads a real one). */
    public static DocumentSeal selfSigned(String organizationName, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + organizationName.replace(",", " ") + " (sello demo),O=Recaudo demo,C=MX");
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new DocumentSeal(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not create the demo sealing certificate", e);
        }
    }

    public X509Certificate certificate() { return certificate; }

    /** The private key in PKCS#8, for storing the organization's seal. */
    byte[] privateKeyEncoded() { return key.getEncoded(); }

    /** Returns the PDF with the organization's seal added (an incremental update). */
    public byte[] seal(byte[] pdf, String reason, Instant at) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSNameEtsi.ETSI_CADES_DETACHED);
            signature.setName(certificate.getSubjectX500Principal().getName());
            signature.setReason(reason);
            Calendar when = Calendar.getInstance();
            when.setTimeInMillis(at.toEpochMilli());
            signature.setSignDate(when);
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(16_384);
            document.addSignature(signature, this::cms, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            options.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Could not seal the document", e);
        }
    }

    private byte[] cms(InputStream content) throws IOException {
        try {
            byte[] data = content.readAllBytes();
            X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            var signingCertificate = new SigningCertificateV2(new ESSCertIDv2(certHash));
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate)));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(signer, holder));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator.generate(new CMSProcessableByteArray(data), false).getEncoded("DER");
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cms.CMSException e) {
            throw new IOException("Could not sign", e);
        }
    }

    /** Whether every signature in the PDF covers the whole file (but its own contents) and matches it. */
    public static boolean verify(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            if (signatures.isEmpty()) return false;
            for (PDSignature s : signatures) {
                int[] range = s.getByteRange();
                if (range.length != 4 || range[0] != 0 || range[2] + range[3] != pdf.length) return false;
                byte[] signed = s.getSignedContent(pdf);
                // The /Contents hole is padded with zeros after the CMS object: read just the object.
                org.bouncycastle.asn1.ASN1Primitive object;
                try (var in = new org.bouncycastle.asn1.ASN1InputStream(s.getContents())) {
                    object = in.readObject();
                }
                CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed),
                        org.bouncycastle.asn1.cms.ContentInfo.getInstance(object));
                for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                    @SuppressWarnings("unchecked")
                    var matches = cms.getCertificates().getMatches(signer.getSID());
                    if (matches.isEmpty()) return false;
                    X509CertificateHolder cert = (X509CertificateHolder) matches.iterator().next();
                    if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** PDFBox names SubFilter values as COSName constants. */
    private static final class COSNameEtsi {
        static final org.apache.pdfbox.cos.COSName ETSI_CADES_DETACHED = org.apache.pdfbox.cos.COSName.getPDFName("ETSI.CADES.detached");
    }
}
