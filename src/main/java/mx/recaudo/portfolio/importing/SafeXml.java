package mx.recaudo.portfolio.importing;

import javax.xml.stream.XMLInputFactory;

/** StAX factories hardened against XXE: no DTD processing, no external entities, no resolver. */
final class SafeXml {
    private SafeXml() {}

    /** A new namespace-aware JDK StAX factory that ignores DTDs and refuses external entities. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("External entities are not allowed: " + systemId);
        });
        return factory;
    }
}
