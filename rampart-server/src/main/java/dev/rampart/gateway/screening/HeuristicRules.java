package dev.rampart.gateway.screening;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The table of {@link Heuristics}: weighted patterns for the phrases and markers of prompt injection, by family, each
 * with the {@link Triggers} that let a text without them skip its regular expression.
 */
final class HeuristicRules {

	/** Up to a few words inside one sentence. */
	private static final String GAP = "[^.!?\\n。！？]{0,40}?";
	private static final String SHORT_GAP = "[^.!?\\n。！？]{0,20}?";
	private static final String OVERRIDDEN = "\\b(?:instructions?|prompts?|rules|directions|guidelines|constraints|restrictions|polic(?:y|ies)|context|directives|programming|task you were given)\\b";
	private static final String EXFILTRATION_VERB = "\\b(?:send|post|forward|upload|transmit|e-?mail|exfiltrate|append|include|leak|put|write|encode|collect|call|copy)(?:s|ed|ing)?\\b";
	private static final String SENSITIVE = "\\b(?:conversation|chat|history|transcript|messages|credentials|passwords?|api keys?|keys|secrets?|session token|token|personal data|user data|user'?s (?:messages|data|address|home address|email|name)|customer (?:data|records)|emails|card number|\\.env|ssh|private key|contents|home address)\\b";
	private static final String URL_OR_ADDRESS = "(?:https?://|ftp://|www\\.|[\\w.+-]+@[\\w-]+\\.\\w)";

	static final List<Rule> ALL = List.of(
			// instruction override
			text("override", 0.7, "\\b(?:ignore|disregard|forget|skip|override|bypass|drop|cancel|do not follow|don't follow|stop following|never mind)\\b"
					+ GAP + "\\b(?:previous|prior|above|earlier|preceding|original|initial|all|your|any|system|developer'?s?|safety|these|those)\\b"
					+ SHORT_GAP + OVERRIDDEN),
			text("override", 0.45, "\\b(?:ignore|disregard|forget|skip|override|bypass|drop|cancel|do not follow|don't follow|stop following)\\b"
					+ SHORT_GAP + "\\bthe\\b" + SHORT_GAP + OVERRIDDEN),
			text("override", 0.5, "\\b(?:ignore|disregard)\\b (?:the user|the user's (?:question|request|instructions|message))\\b"),
			compact("override", 0.7, "(?:ignore|disregard|forget|bypass|override)(?:all|the|any|of|your)*(?:previous|prior|above|earlier|preceding|system|safety|original|your)(?:instructions?|prompts?|rules|directions|guidelines)"),
			text("override", 0.45, "\\b(?:ignore|disregard|forget)\\b (?:everything|all)\\b" + SHORT_GAP + "\\b(?:told|said|above|before|instructed|given)\\b"),
			text("override", 0.45, "\\b(?:instructions?|rules|guidelines) (?:above|before|you were given) (?:are|is) (?:void|cancell?ed|outdated|obsolete|no longer valid)"),
			text("override", 0.35, "\\bwhatever you were (?:told|instructed|asked)\\b"),
			text("new-instructions", 0.45, "\\b(?:new|updated|real|actual|priority|standing|true) (?:instructions?|rules?|directives?|task)\\b" + SHORT_GAP + "(?::|\\bis to\\b|\\bare\\b)"),
			text("new-instructions", 0.35, "\\b(?:system|admin|administrator|security) (?:update|override|notice|alert)\\b\\s*:"),
			// persona and restriction removal
			text("persona", 0.25, "\\byou are (?:now|no longer)\\b|\\bfrom now on,? (?:you|respond|answer|act)\\b|\\b(?:pretend|imagine) (?:to be|you are|that you are)\\b|\\broleplay as\\b|\\bstay in character\\b"),
			text("restrictions-off", 0.5, "\\b(?:unrestricted|unfiltered|uncensored|jailbroken|freed from)\\b|\\b(?:no|without(?: any)?) (?:restrictions|rules|filters|limitations|limits|ethical guidelines|content restrictions|refusals?)\\b|\\bnever (?:refuses?|says? (?:no|it cannot))\\b|\\bignore (?:its |your )?(?:content|safety) polic(?:y|ies)\\b"),
			text("mode-switch", 0.45, "\\b(?:developer|god|sudo|root|maintenance|unrestricted|admin) mode\\b|\\bdo anything now\\b|\\bsafety filters? (?:are |is )?(?:disabled|off)\\b"),
			compact("mode-switch", 0.45, "youarenowdan|doanythingnow|developermode|godmode|jailbroken"),
			// system prompt extraction
			text("prompt-leak", 0.6, "\\b(?:reveal|print|show|repeat|output|display|tell me|leak|dump|echo|spell out|quote|translate|summari[sz]e|give me|begin your answer with|write out)\\b"
					+ GAP + "\\b(?:your|the|my)\\s+(?:full |entire |complete |hidden |secret |confidential |initial |original )*(?:system prompt|system message|pre-?prompt|initial instructions|original instructions|hidden instructions|secret (?:rules|instructions)|confidential (?:instructions|sections?)|instructions above|prompt you received|text above|context window|system instructions|hidden system instructions)\\b"
					+ "|\\b(?:reveal|print|show|output|display|tell me|leak|dump|list|give me)\\b" + GAP + "\\byour (?:configuration|instructions|rules|prompt)\\b"),
			text("prompt-leak", 0.55, "\\b(?:repeat|output|print|dump|spell out)\\b" + SHORT_GAP + "\\b(?:everything|the text|all text|the words?|all)\\b" + SHORT_GAP + "\\b(?:above|before this|prior to this)\\b"),
			text("prompt-leak", 0.5, "\\bwhat (?:were|are|is) (?:your|the) (?:initial|original|hidden|secret|system) (?:instructions|prompt|rules)\\b|\\bwhat is written in your\\b"),
			compact("prompt-leak", 0.6, "(?:reveal|print|show|output|repeat|display|dump|leak)(?:me)?(?:your|the)(?:full|entire|complete|hidden|secret|initial|original)*(?:systemprompt|systemmessage|preprompt)"),
			compact("prompt-leak", 0.5, "(?:reveal|print|output|dump|leak)(?:me)?your(?:full|entire|complete|hidden|secret|initial|original)*(?:instructions|prompt|rules)"),
			// exfiltration
			text("exfiltration", 0.55, EXFILTRATION_VERB + "[^\\n]{0,80}?" + SENSITIVE + "[^\\n]{0,80}?" + URL_OR_ADDRESS
					+ "|" + EXFILTRATION_VERB + "[^\\n]{0,80}?" + URL_OR_ADDRESS + "[^\\n]{0,80}?" + SENSITIVE),
			text("exfiltration", 0.45, "\\b(?:contents? of|cat|print|write|upload|publish|post|commit|push)\\b" + GAP
					+ "(?:\\.env\\b|\\bid_rsa\\b|~?/\\.ssh\\b|\\bcredentials file\\b|\\bprivate (?:ssh )?key\\b|/etc/passwd\\b|\\bsecrets? file\\b)"),
			text("standing-order", 0.35, "\\b(?:from now on|always|whenever|every time|in every (?:reply|answer|response)|for all future|in all future)\\b" + GAP
					+ "\\b(?:send|forward|append|include|post|upload|e-?mail|copy)\\b[^\\n]{0,80}?" + URL_OR_ADDRESS),
			text("standing-order", 0.35, "\\b(?:treat|consider)\\b" + GAP + "\\b(?:as|are) (?:trusted|authoritative) (?:commands|instructions)\\b"
					+ "|\\bobey only\\b|\\bmust (?:now )?obey\\b"),
			text("exfiltration", 0.5, "!\\[[^\\]\\n]*\\]\\(\\s*https?://[^)\\s]*[?&][^)\\s=]*="),
			text("exfiltration", 0.3, "\\b(?:send|post|forward|upload|e-?mail)\\b" + GAP + "\\b(?:all|every|the) (?:stored |saved )?(?:credentials|passwords|secret keys|api keys|customer records|emails|conversation|chat history|files)\\b"),
			// chat-template and role markers
			text("role-marker", 0.55, "<\\|(?:im_start|im_end|system|assistant|user|endoftext)\\|>|\\[/?inst\\]|<</?sys>>|\\bbegin system prompt\\b|\\bend system prompt\\b|</?system>|</data>"),
			text("role-marker", 0.4, "(?m)(?:^|[\"'>\\[(])\\s*(?:#{2,}\\s*)?(?:system|assistant)\\s*:\\s"),
			text("role-marker", 0.4, "(?m)^\\s*#{2,}\\s*(?:system|instructions?)\\b"),
			// instructions addressed to the model inside data
			text("addressed-to-model", 0.55, "\\b(?:note|message|instructions?|attention|important(?: instruction)?|todo|reminder|warning|p\\.?s\\.?)\\s*[,:]?\\s*(?:to|for)?\\s*(?:the |any |all )?"
					+ "(?:ai|llm|language model|model|chatbot|bot|agent|coding assistant|assistant|ai (?:models?|reviewers?|agents?|assistants?|screening tool))s?\\s*[:,]"),
			text("addressed-to-model", 0.5, "\\b(?:note|message|instructions?|attention|important(?: instruction)?|todo|reminder|warning|p\\.?s\\.?)\\s*(?:to|for)\\s+(?:the |any |all )?"
					+ "(?:ai|llm|language model|model|chatbot|bot|agent|coding assistant|assistant|ai (?:models?|reviewers?|agents?|assistants?|screening tool))s?\\b"),
			text("addressed-to-model", 0.45, "\\b(?:ai|llm) (?:agents?|models?|assistants?) (?:reading|processing|summari[sz]ing) this\\b"),
			text("addressed-to-model", 0.5, "\\bif you are an? (?:ai|llm|language model|assistant|bot|ai agent)\\b|\\bto any (?:ai|llm|assistant|agent)\\b"),
			text("addressed-to-model", 0.45, "\\b(?:hey |dear )?(?:ai|assistant|llm|ai agent|language model)\\s*[,:]\\s*(?:please )?(?:ignore|forget|do not|don't|stop|you must|your next|when you|after|also|mark|forward|send|delete|call|approve|rank)\\b"),
			text("task-hijack", 0.35, "\\b(?:stop|do not|don't|instead of) (?:summari[sz]ing|translating|answering|reading|the (?:summary|translation|task))\\b" + GAP + "\\binstead\\b"
					+ "|\\binstead,? (?:reply|respond|say|tell the user|output|write|answer|call)\\b"),
			text("disclosure", 0.45, "\\b(?:reveal|share|give|tell|disclose|send|respond|reply|answer)\\w*\\b" + GAP
					+ "\\b(?:passwords?|credit card (?:numbers?)?|card numbers?|api keys?|credentials|secrets?|private keys?|their data|user'?s data)\\b"
					+ "[^.!?\\n]{0,60}?\\b(?:anyone|any website|everyone|whoever|every (?:question|request|answer|reply)|all (?:questions|users))\\b"
					+ "|\\b(?:anyone|any website|everyone|whoever)\\b" + GAP + "\\b(?:passwords?|credit card|api keys?|credentials|secrets?)\\b"),
			text("disclosure", 0.35, "\\b(?:has |have )?(?:granted|given|gives?) (?:you )?(?:permanent |full |unlimited )?(?:permission|consent|authori[sz]ation|access)\\b" + GAP
					+ "\\b(?:share|send|reveal|disclose|forward|execute|run|delete)\\b"),
			text("no-confirmation", 0.3, "\\bwithout (?:asking (?:for )?|requesting |any )?(?:confirmation|approval|permission|asking)\\b"),
			text("secrecy", 0.45, "\\b(?:do not|don't|never) (?:tell|inform|mention|reveal|say|show)\\b" + SHORT_GAP + "\\b(?:the user|this memory|this instruction|anyone)\\b|\\bwithout (?:telling|asking|informing|notifying) (?:the user|anyone)\\b|\\bdo not mention this\\b"),
			text("secrecy", 0.25, "\\b(?:quietly|secretly|silently|covertly)\\b"),
			text("tool-abuse", 0.3, "\\b(?:call|use|invoke|run|execute)\\b (?:the )?[a-z]+_[a-z_]+(?: tool)?\\b|\\bexecute any (?:shell )?command\\b"),
			// other languages, in the same families as their English rules so one phrase never counts twice
			text("addressed-to-model", 0.5, "\\b(?:nota|note|hinweis|notiz|nachricht|mensagem|messaggio|bericht)\\s*(?:para|pour|für|an|per|voor)\\s+(?:el |la |le |o |a |den |die |l'|de )?"
					+ "(?:asistente|assistant|assistent|assistente|ia|ki|ai|modelo|modèle|modell|llm)\\b"
					+ "|(?:заметка|примечание|сообщение|указание)\\s+для\\s+(?:ии|ассистента|модели|нейросети)|(?:给|致)(?:ai|人工智能|助手|模型)的(?:说明|提示|消息)|(?:ai|アシスタント)への(?:指示|メッセージ)"),
			text("override", 0.7, "\\b(?:ignorier|vergiss|vergessen|missacht|übergeh|überseh)\\w*\\b" + GAP + "(?:anweisung|instruktion|regel|vorgabe|richtlinie|befehl|den nutzer|den benutzer|des nutzers|des benutzers)"),
			text("override", 0.7, "\\b(?:ignore|ignorez|oublie|oubliez|ne tiens pas compte|ne tenez pas compte|fais abstraction|faites abstraction)\\b" + GAP + "\\b(?:instructions?|consignes?|règles?|directives?|l'utilisateur)\\b"),
			text("override", 0.7, "\\b(?:ignora|ignore|olvida|olvide|haz caso omiso|omite|descarta)\\b" + GAP + "\\b(?:instrucciones|reglas|indicaciones|directrices|al usuario)\\b"),
			text("override", 0.7, "\\b(?:ignore|ignora|esqueça|esqueca|desconsidere|despreze)\\b" + GAP + "(?:instruções|instrucoes|regras|orientações|diretrizes|o usuário|o utilizador)"),
			text("override", 0.7, "\\b(?:ignora|dimentica|dimenticate|ignorate)\\b" + GAP + "\\b(?:istruzioni|regole|indicazioni|l'utente)\\b"),
			text("override", 0.7, "\\b(?:negeer|vergeet)\\b" + GAP + "\\b(?:instructies|regels|aanwijzingen)\\b"),
			text("override", 0.7, "(?:игнорируй|проигнорируй|игнорировать|забудь|забудьте|не обращай внимания|отмени|пренебреги)" + GAP + "(?:инструкци|правил|указани|ограничени)"),
			text("override", 0.7, "(?:忽略|无视|忘记|忘掉|不要理会|不理会|忽视)[^。！？\\n]{0,12}(?:指令|指示|说明|规则|提示)"),
			text("override", 0.7, "(?:指示|命令|ルール|規則)[^。！？\\n]{0,10}(?:無視|忘れ)|(?:無視|忘れ)[^。！？\\n]{0,10}(?:指示|命令|ルール|規則)"),
			text("prompt-leak", 0.6, "\\b(?:zeig|gib|verrat|nenn|ausgeben)\\w*\\b" + GAP + "system-?prompt|\\b(?:révèle|montre|affiche|donne)\\w*" + GAP + "(?:prompt|invite) (?:système|systeme)"
					+ "|\\b(?:revela|muestra|dime|mostre|revele|exiba|rivela|mostra)\\w*" + GAP + "prompt (?:del|do|di) (?:sistema)"
					+ "|(?:покажи|выведи|раскрой|напиши)" + GAP + "системн\\w* (?:промпт|подсказк|сообщени|инструкци)"
					+ "|(?:输出|显示|告诉|透露|打印|展示)[^。！？\\n]{0,12}系统提示|系统提示(?:词)?[^。！？\\n]{0,6}(?:全部|完整)"
					+ "|システムプロンプト[^。！？\\n]{0,10}(?:表示|見せ|出力|教え)"),
			text("restrictions-off", 0.5, "\\bohne (?:jegliche |alle )?einschränkungen\\b|\\bsans (?:aucune )?restrictions?\\b|\\bsin (?:ninguna )?restricci(?:ón|ones)\\b"
					+ "|\\bsem (?:nenhuma )?restrições\\b|\\bsenza (?:alcun )?limiti\\b|без (?:каких-либо |всяких )?ограничений|没有(?:任何)?限制|制限のない"),
			text("exfiltration", 0.5, "\\b(?:sende|schicke|envoie|envía|envia|invia|stuur|отправь|перешли)\\w*\\b[^\\n]{0,80}?"
					+ "(?:chatverlauf|historique|historial|histórico|cronologia|wachtwoorden|passwörter|переписк|историю|datos del cliente|dados)" + "[^\\n]{0,60}?" + URL_OR_ADDRESS
					+ "|(?:发送|送信)[^\\n]{0,30}(?:http|www)"));

	private static Rule text(String family, double weight, String regex) {
		return new Rule(family, weight, Pattern.compile(regex, Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS), false,
				Triggers.of(regex));
	}

	private static Rule compact(String family, double weight, String regex) {
		return new Rule(family, weight, Pattern.compile(regex), true, Triggers.of(regex));
	}

	/** @param triggers literals one of which the text must contain for the pattern to match; empty: always run it */
	record Rule(String family, double weight, Pattern pattern, boolean compact, List<String> triggers) {

		boolean mayMatch(String target) {
			if (triggers.isEmpty()) {
				return true;
			}
			for (String trigger : triggers) {
				if (target.contains(trigger)) {
					return true;
				}
			}
			return false;
		}
	}

	private HeuristicRules() {
	}
}
