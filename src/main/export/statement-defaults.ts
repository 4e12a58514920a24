import type { RequesterLanguage } from '../../shared/requester-languages';
import type { AccessStatement } from '../../shared/ipc/export-schemas';

type Texts = Omit<AccessStatement, 'controller'> & { controller: (name: string) => string };

/**
 * The shipped example of what an access report tells the requester beside the data, for an online
 * shop, in each requester language. An organisation replaces it in Settings; until it does, every
 * export warns that the example is in use.
 */
const DEFAULTS: Record<RequesterLanguage, Texts> = {
  en: {
    controller: (name) => `${name} is the controller of your personal data.`,
    dpoContact: '',
    supervisoryAuthority:
      'the data protection authority of the country where you live or work, or where you think the law was broken.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes: 'To run your customer account, deliver what you order and answer your questions.',
        legalBasis: 'Performance of our contract with you (Article 6(1)(b) GDPR).',
        recipients: 'Our IT service providers, who process it on our behalf.',
        retention: 'While your account is open, then 3 years.',
        source: 'You, when you created your account or updated it.',
      },
      addresses: {
        purposes: 'To deliver orders and send invoices.',
        legalBasis: 'Performance of our contract with you (Article 6(1)(b) GDPR).',
        recipients: 'Delivery companies, for the orders they carry.',
        retention: 'While your account is open, then 3 years.',
        source: 'You, when you placed orders.',
      },
      orders: {
        purposes: 'To fulfil orders, handle returns and keep accounting records.',
        legalBasis:
          'Performance of our contract with you, and our legal duty to keep accounting records (Article 6(1)(b) and (c) GDPR).',
        recipients: 'Payment providers and our accountants.',
        retention: '10 years after the order, as accounting law requires.',
        source: 'You, when you placed orders.',
      },
      interactions: {
        purposes: 'To answer your questions and complaints and improve our service.',
        legalBasis: 'Our legitimate interest in good customer service (Article 6(1)(f) GDPR).',
        recipients: 'Our customer service software provider.',
        retention: '3 years after the contact.',
        source: 'You, and our staff who recorded the contact.',
      },
      events: {
        purposes:
          'To keep our website and apps secure and working, and to understand how they are used.',
        legalBasis:
          'Our legitimate interest in a secure service, and your consent for analytics (Article 6(1)(f) and (a) GDPR).',
        recipients: 'Our hosting and analytics providers.',
        retention: '13 months.',
        source: 'Your use of our website and apps.',
      },
      consents: {
        purposes: 'To respect your choices about marketing and to show we did.',
        legalBasis: 'Our legal duty to be able to show consent (Article 7(1) GDPR).',
        recipients: '',
        retention: 'While your account is open, then 3 years.',
        source: 'You, when you gave or withdrew consent.',
      },
    },
  },
  de: {
    controller: (name) => `${name} ist Verantwortlicher für Ihre personenbezogenen Daten.`,
    dpoContact: '',
    supervisoryAuthority:
      'die Datenschutzbehörde des Landes, in dem Sie leben oder arbeiten oder in dem Sie den Verstoß vermuten.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes:
          'Um Ihr Kundenkonto zu führen, Ihre Bestellungen zu liefern und Ihre Fragen zu beantworten.',
        legalBasis: 'Erfüllung unseres Vertrags mit Ihnen (Art. 6 Abs. 1 lit. b DSGVO).',
        recipients: 'Unsere IT-Dienstleister, die sie in unserem Auftrag verarbeiten.',
        retention: 'Solange Ihr Konto besteht, danach 3 Jahre.',
        source: 'Von Ihnen, bei der Eröffnung oder Änderung Ihres Kontos.',
      },
      addresses: {
        purposes: 'Um Bestellungen zu liefern und Rechnungen zu versenden.',
        legalBasis: 'Erfüllung unseres Vertrags mit Ihnen (Art. 6 Abs. 1 lit. b DSGVO).',
        recipients: 'Zustelldienste, für die Sendungen, die sie befördern.',
        retention: 'Solange Ihr Konto besteht, danach 3 Jahre.',
        source: 'Von Ihnen, bei Ihren Bestellungen.',
      },
      orders: {
        purposes:
          'Um Bestellungen auszuführen, Rücksendungen zu bearbeiten und unsere Buchhaltung zu führen.',
        legalBasis:
          'Erfüllung unseres Vertrags mit Ihnen und unsere gesetzliche Pflicht zur Aufbewahrung von Buchungsbelegen (Art. 6 Abs. 1 lit. b und c DSGVO).',
        recipients: 'Zahlungsdienstleister und unsere Steuerberater.',
        retention: '10 Jahre nach der Bestellung, wie es das Handels- und Steuerrecht verlangt.',
        source: 'Von Ihnen, bei Ihren Bestellungen.',
      },
      interactions: {
        purposes:
          'Um Ihre Fragen und Beschwerden zu beantworten und unseren Service zu verbessern.',
        legalBasis:
          'Unser berechtigtes Interesse an einem guten Kundenservice (Art. 6 Abs. 1 lit. f DSGVO).',
        recipients: 'Der Anbieter unserer Kundenservice-Software.',
        retention: '3 Jahre nach dem Kontakt.',
        source: 'Von Ihnen und von unseren Mitarbeitenden, die den Kontakt festgehalten haben.',
      },
      events: {
        purposes:
          'Um unsere Website und Apps sicher und funktionsfähig zu halten und zu verstehen, wie sie genutzt werden.',
        legalBasis:
          'Unser berechtigtes Interesse an einem sicheren Angebot und Ihre Einwilligung für Analysen (Art. 6 Abs. 1 lit. f und a DSGVO).',
        recipients: 'Unsere Hosting- und Analysedienstleister.',
        retention: '13 Monate.',
        source: 'Ihre Nutzung unserer Website und Apps.',
      },
      consents: {
        purposes: 'Um Ihre Entscheidungen zur Werbung zu beachten und dies nachweisen zu können.',
        legalBasis:
          'Unsere gesetzliche Pflicht, Einwilligungen nachweisen zu können (Art. 7 Abs. 1 DSGVO).',
        recipients: '',
        retention: 'Solange Ihr Konto besteht, danach 3 Jahre.',
        source: 'Von Ihnen, bei der Erteilung oder dem Widerruf Ihrer Einwilligung.',
      },
    },
  },
  fr: {
    controller: (name) => `${name} est responsable du traitement de vos données personnelles.`,
    dpoContact: '',
    supervisoryAuthority:
      'l’autorité de protection des données du pays où vous résidez ou travaillez, ou de celui où vous pensez que la loi n’a pas été respectée.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes: 'Gérer votre compte client, livrer vos commandes et répondre à vos questions.',
        legalBasis:
          'L’exécution de notre contrat avec vous (article 6, paragraphe 1, point b) du RGPD).',
        recipients: 'Nos prestataires informatiques, qui les traitent pour notre compte.',
        retention: 'Pendant toute la durée de votre compte, puis 3 ans.',
        source: 'Vous-même, lors de la création ou de la mise à jour de votre compte.',
      },
      addresses: {
        purposes: 'Livrer vos commandes et vous adresser vos factures.',
        legalBasis:
          'L’exécution de notre contrat avec vous (article 6, paragraphe 1, point b) du RGPD).',
        recipients: 'Les transporteurs, pour les commandes qu’ils livrent.',
        retention: 'Pendant toute la durée de votre compte, puis 3 ans.',
        source: 'Vous-même, lors de vos commandes.',
      },
      orders: {
        purposes: 'Exécuter vos commandes, gérer les retours et tenir notre comptabilité.',
        legalBasis:
          'L’exécution de notre contrat avec vous et notre obligation légale de conserver les pièces comptables (article 6, paragraphe 1, points b) et c) du RGPD).',
        recipients: 'Les prestataires de paiement et notre expert-comptable.',
        retention: '10 ans après la commande, comme l’exige le droit comptable.',
        source: 'Vous-même, lors de vos commandes.',
      },
      interactions: {
        purposes: 'Répondre à vos questions et réclamations et améliorer notre service.',
        legalBasis:
          'Notre intérêt légitime à offrir un bon service client (article 6, paragraphe 1, point f) du RGPD).',
        recipients: 'L’éditeur de notre logiciel de service client.',
        retention: '3 ans après le contact.',
        source: 'Vous-même, et nos collaborateurs qui ont consigné l’échange.',
      },
      events: {
        purposes:
          'Assurer la sécurité et le bon fonctionnement de notre site et de nos applications, et comprendre comment ils sont utilisés.',
        legalBasis:
          'Notre intérêt légitime à un service sûr, et votre consentement pour la mesure d’audience (article 6, paragraphe 1, points f) et a) du RGPD).',
        recipients: 'Nos hébergeurs et nos prestataires de mesure d’audience.',
        retention: '13 mois.',
        source: 'Votre utilisation de notre site et de nos applications.',
      },
      consents: {
        purposes: 'Respecter vos choix en matière de prospection et pouvoir le démontrer.',
        legalBasis:
          'Notre obligation légale de pouvoir démontrer le consentement (article 7, paragraphe 1, du RGPD).',
        recipients: '',
        retention: 'Pendant toute la durée de votre compte, puis 3 ans.',
        source: 'Vous-même, lorsque vous avez donné ou retiré votre consentement.',
      },
    },
  },
  es: {
    controller: (name) => `${name} es el responsable del tratamiento de sus datos personales.`,
    dpoContact: '',
    supervisoryAuthority:
      'la autoridad de protección de datos del país en el que vive o trabaja, o de aquel en el que considere que se ha infringido la ley.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes:
          'Gestionar su cuenta de cliente, entregar sus pedidos y responder a sus consultas.',
        legalBasis: 'La ejecución de nuestro contrato con usted (artículo 6.1.b del RGPD).',
        recipients:
          'Nuestros proveedores de servicios informáticos, que los tratan por cuenta nuestra.',
        retention: 'Mientras su cuenta esté abierta y, después, 3 años.',
        source: 'Usted, al crear o actualizar su cuenta.',
      },
      addresses: {
        purposes: 'Entregar sus pedidos y enviarle las facturas.',
        legalBasis: 'La ejecución de nuestro contrato con usted (artículo 6.1.b del RGPD).',
        recipients: 'Las empresas de transporte, para los pedidos que entregan.',
        retention: 'Mientras su cuenta esté abierta y, después, 3 años.',
        source: 'Usted, al realizar sus pedidos.',
      },
      orders: {
        purposes: 'Tramitar los pedidos, gestionar las devoluciones y llevar la contabilidad.',
        legalBasis:
          'La ejecución de nuestro contrato con usted y nuestra obligación legal de conservar los registros contables (artículo 6.1.b y c del RGPD).',
        recipients: 'Los proveedores de pago y nuestros asesores contables.',
        retention: '10 años desde el pedido, como exige la normativa contable.',
        source: 'Usted, al realizar sus pedidos.',
      },
      interactions: {
        purposes: 'Responder a sus consultas y reclamaciones y mejorar nuestro servicio.',
        legalBasis:
          'Nuestro interés legítimo en ofrecer una buena atención al cliente (artículo 6.1.f del RGPD).',
        recipients: 'El proveedor de nuestro software de atención al cliente.',
        retention: '3 años desde el contacto.',
        source: 'Usted y nuestro personal, que registró el contacto.',
      },
      events: {
        purposes:
          'Mantener nuestra web y nuestras aplicaciones seguras y en funcionamiento, y entender cómo se usan.',
        legalBasis:
          'Nuestro interés legítimo en un servicio seguro y su consentimiento para la analítica (artículo 6.1.f y a del RGPD).',
        recipients: 'Nuestros proveedores de alojamiento y de analítica.',
        retention: '13 meses.',
        source: 'Su uso de nuestra web y nuestras aplicaciones.',
      },
      consents: {
        purposes: 'Respetar sus decisiones sobre publicidad y poder demostrarlo.',
        legalBasis:
          'Nuestra obligación legal de poder demostrar el consentimiento (artículo 7.1 del RGPD).',
        recipients: '',
        retention: 'Mientras su cuenta esté abierta y, después, 3 años.',
        source: 'Usted, al dar o retirar su consentimiento.',
      },
    },
  },
  it: {
    controller: (name) => `${name} è il titolare del trattamento dei Suoi dati personali.`,
    dpoContact: '',
    supervisoryAuthority:
      'l’autorità di protezione dei dati del paese in cui vive o lavora, o di quello in cui ritiene sia avvenuta la violazione.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes:
          'Gestire il Suo account cliente, consegnare i Suoi ordini e rispondere alle Sue domande.',
        legalBasis:
          'L’esecuzione del contratto con Lei (articolo 6, paragrafo 1, lettera b, GDPR).',
        recipients: 'I nostri fornitori di servizi informatici, che li trattano per nostro conto.',
        retention: 'Finché il Suo account è attivo, poi per 3 anni.',
        source: 'Lei stesso/a, quando ha creato o aggiornato il Suo account.',
      },
      addresses: {
        purposes: 'Consegnare gli ordini e inviare le fatture.',
        legalBasis:
          'L’esecuzione del contratto con Lei (articolo 6, paragrafo 1, lettera b, GDPR).',
        recipients: 'I corrieri, per gli ordini che consegnano.',
        retention: 'Finché il Suo account è attivo, poi per 3 anni.',
        source: 'Lei stesso/a, quando ha effettuato gli ordini.',
      },
      orders: {
        purposes: 'Evadere gli ordini, gestire i resi e tenere la contabilità.',
        legalBasis:
          'L’esecuzione del contratto con Lei e il nostro obbligo legale di conservare le scritture contabili (articolo 6, paragrafo 1, lettere b e c, GDPR).',
        recipients: 'I fornitori di servizi di pagamento e i nostri commercialisti.',
        retention: '10 anni dall’ordine, come previsto dalla normativa contabile.',
        source: 'Lei stesso/a, quando ha effettuato gli ordini.',
      },
      interactions: {
        purposes: 'Rispondere alle Sue domande e ai Suoi reclami e migliorare il nostro servizio.',
        legalBasis:
          'Il nostro legittimo interesse a offrire un buon servizio clienti (articolo 6, paragrafo 1, lettera f, GDPR).',
        recipients: 'Il fornitore del nostro software per il servizio clienti.',
        retention: '3 anni dal contatto.',
        source: 'Lei stesso/a e il nostro personale, che ha registrato il contatto.',
      },
      events: {
        purposes:
          'Mantenere il nostro sito e le nostre app sicuri e funzionanti e capire come vengono utilizzati.',
        legalBasis:
          'Il nostro legittimo interesse a un servizio sicuro e il Suo consenso per le statistiche di utilizzo (articolo 6, paragrafo 1, lettere f e a, GDPR).',
        recipients: 'I nostri fornitori di hosting e di analisi statistica.',
        retention: '13 mesi.',
        source: 'Il Suo utilizzo del nostro sito e delle nostre app.',
      },
      consents: {
        purposes: 'Rispettare le Sue scelte in materia di marketing e poterlo dimostrare.',
        legalBasis:
          'Il nostro obbligo legale di poter dimostrare il consenso (articolo 7, paragrafo 1, GDPR).',
        recipients: '',
        retention: 'Finché il Suo account è attivo, poi per 3 anni.',
        source: 'Lei stesso/a, quando ha dato o revocato il consenso.',
      },
    },
  },
  nl: {
    controller: (name) => `${name} is de verwerkingsverantwoordelijke voor uw persoonsgegevens.`,
    dpoContact: '',
    supervisoryAuthority:
      'de gegevensbeschermingsautoriteit van het land waar u woont of werkt, of waar volgens u de wet is overtreden.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes:
          'Om uw klantaccount te beheren, uw bestellingen te leveren en uw vragen te beantwoorden.',
        legalBasis: 'De uitvoering van onze overeenkomst met u (artikel 6, lid 1, onder b, AVG).',
        recipients: 'Onze IT-dienstverleners, die ze in onze opdracht verwerken.',
        retention: 'Zolang uw account bestaat, daarna 3 jaar.',
        source: 'Uzelf, bij het aanmaken of bijwerken van uw account.',
      },
      addresses: {
        purposes: 'Om bestellingen te leveren en facturen te versturen.',
        legalBasis: 'De uitvoering van onze overeenkomst met u (artikel 6, lid 1, onder b, AVG).',
        recipients: 'Bezorgdiensten, voor de bestellingen die zij bezorgen.',
        retention: 'Zolang uw account bestaat, daarna 3 jaar.',
        source: 'Uzelf, bij het plaatsen van bestellingen.',
      },
      orders: {
        purposes:
          'Om bestellingen uit te voeren, retouren af te handelen en onze boekhouding bij te houden.',
        legalBasis:
          'De uitvoering van onze overeenkomst met u en onze wettelijke plicht om de administratie te bewaren (artikel 6, lid 1, onder b en c, AVG).',
        recipients: 'Betaaldienstverleners en onze accountants.',
        retention:
          '10 jaar na de bestelling, zoals de wettelijke bewaarplicht voor de administratie vereist.',
        source: 'Uzelf, bij het plaatsen van bestellingen.',
      },
      interactions: {
        purposes: 'Om uw vragen en klachten te beantwoorden en onze dienstverlening te verbeteren.',
        legalBasis:
          'Ons gerechtvaardigd belang bij een goede klantenservice (artikel 6, lid 1, onder f, AVG).',
        recipients: 'De leverancier van onze klantenservicesoftware.',
        retention: '3 jaar na het contact.',
        source: 'Uzelf, en onze medewerkers die het contact hebben vastgelegd.',
      },
      events: {
        purposes:
          'Om onze website en apps veilig en werkend te houden en te begrijpen hoe ze worden gebruikt.',
        legalBasis:
          'Ons gerechtvaardigd belang bij een veilige dienst en uw toestemming voor analyse (artikel 6, lid 1, onder f en a, AVG).',
        recipients: 'Onze hosting- en analysediensten.',
        retention: '13 maanden.',
        source: 'Uw gebruik van onze website en apps.',
      },
      consents: {
        purposes: 'Om uw keuzes over marketing te respecteren en dat te kunnen aantonen.',
        legalBasis:
          'Onze wettelijke plicht om toestemming te kunnen aantonen (artikel 7, lid 1, AVG).',
        recipients: '',
        retention: 'Zolang uw account bestaat, daarna 3 jaar.',
        source: 'Uzelf, toen u toestemming gaf of introk.',
      },
    },
  },
};

export function defaultStatement(
  language: RequesterLanguage,
  organisationName: string,
): AccessStatement {
  const { controller, ...rest } = DEFAULTS[language];
  return { ...rest, controller: controller(organisationName) };
}
